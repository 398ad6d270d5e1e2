//! Delivering values to where they are used: references to secrets (`reference`),
//! environment variable names (`env_name`), templates (`template`), dotenv files
//! (`dotenv`), export formats (`render`), output masking (`mask`) and the child
//! process of `tresor run` (`child`). Nothing here opens the vault.

pub mod child;
pub mod dotenv;
pub mod env_name;
pub mod mask;
pub mod reference;
pub mod render;
pub mod template;

pub use reference::Reference;
