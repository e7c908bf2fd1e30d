"""The governance pages, by topic:

meetings  who sits where, the meetings with their agenda, attendance, proxies and proposals
requests  the members' requests for a general assembly
records   documents, minutes and the register of decisions
vote      the representative's phone page and the projector
chair     the secretary's and the chair's pages (schedule, prepare, chair, minutes)
"""
