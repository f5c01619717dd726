"""Tables of the calendar feature (see its issue).  Imported by db/schema.py so migrations see them."""
