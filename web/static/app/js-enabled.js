// Lets GOV.UK Frontend style for JavaScript before its module loads (no inline scripts: CSP).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
