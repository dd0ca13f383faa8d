"""`scripts/chaos`: a generator of texts, a nemesis of faults and a checker of the outcome."""
