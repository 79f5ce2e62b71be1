"""Reminders: the policy, the classification of areas on a day, the rules that say which
reminders are owed and the same rules as SQL, the ledger, planning and claiming, run records,
and readiness before the next inspection."""
