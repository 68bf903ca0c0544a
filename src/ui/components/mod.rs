//! Pieces the pages share: the experiment panel, the code panel and the
//! plots (timeline, bars, curve, sequence).

pub mod bars;
pub mod code;
pub mod curve;
pub mod experiment;
pub mod sequence;
pub mod timeline;
