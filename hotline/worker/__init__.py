"""The worker side: the task registry (names to functions, the only importer of services'
jobs), `hotline worker` itself, and the sweep that asks each capability for its lost work.
"""
