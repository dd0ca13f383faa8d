"""Dispatch: carries out the routing engine's decisions about who is offered a case, takes
answers and timeouts, escalates, and names the call legs those decisions need.
"""
