//! The serialisable description of a run: scenario files and the page URL. Built on the model.
