"""Services: the layer between screens (or the command line) and the store.

They read through the store and hand read models to the pure functions of ``cockpit.logic``
(meetings and their minutes, reports, what presentation mode hides) and they are the one place that
knows where the files a workspace writes go (``files.WorkspaceFiles``).  No Textual here.
"""
