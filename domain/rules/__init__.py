"""Pure rules: each takes `today` (never reads the clock) and touches no storage."""
