// Starts GOV.UK Frontend's components: error summary focus, radios, navigation toggle.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
