//! Pieces the pages share: the experiment panel, the code panel and the
//! plots (timeline, bars, curve, sequence), each with its export buttons
//! and its text alternative (a summary and a table).

pub mod bars;
pub mod code;
pub mod curve;
pub mod experiment;
pub mod export;
pub mod plot_data;
pub mod prose;
pub mod sequence;
pub mod timeline;
