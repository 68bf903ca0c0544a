//! Pieces the pages share: the experiment panel, the code panel and the
//! plots (timeline, bars, curve, sequence), each with its export buttons.

pub mod bars;
pub mod code;
pub mod curve;
pub mod experiment;
pub mod export;
pub mod sequence;
pub mod timeline;
