//! pages/ — free pages (about, contacts, …） published at `/<slug>/`.

use crate::content::fields::front_matter;

front_matter!(PageFront => Page {
    #[serde(default)]
    order: Option<i64>,
});
