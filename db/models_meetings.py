"""Tables of the meetings feature (see its issue).  Imported by db/schema.py so migrations see them."""
