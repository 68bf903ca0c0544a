//! Pieces the pages share: the experiment panel and the plots.

pub mod bars;
pub mod experiment;
pub mod timeline;
