"""Development areas: adding and assigning them, progress, evidence, due dates, sign-off, the
RAG rating (as a rule and restated in SQL), the plan, and the lists and pages that read them."""
