//! Where an appeal stands in its workflow. The states are shared with the pages and the API,
//! so they are defined once in the app crate's vocabulary.

pub use app::types::AppealState;
