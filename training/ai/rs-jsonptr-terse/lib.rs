pub mod pointer;
pub mod value;

pub use pointer::Pointer;
pub use value::{parse, Value};
