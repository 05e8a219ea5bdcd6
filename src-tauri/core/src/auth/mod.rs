//! Signing in to Zoom (OAuth 2.0 authorization code + PKCE over a loopback redirect), keeping
//! the tokens in the OS keychain, and refreshing them one at a time.

pub mod browser;
pub mod client_secret;
pub mod loopback;
pub mod oauth;
pub mod session;
pub mod tokens;
pub mod vault;

pub use browser::Browser;
pub use oauth::OAuthClient;
pub use session::Session;
pub use tokens::Tokens;
pub use vault::{TokenVault, Vault};
