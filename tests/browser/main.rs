//! The browser suites, one test binary: what a visitor does (`e2e`), the owner's workbench
//! (`edit`), accessibility (`accessibility`) and a real host's runtime (`host`), on the rich
//! fixture's release build in the engine `E2E_ENGINE` names. One binary, so that its two test
//! threads share one pool of browsers and stay busy to the end, where four binaries each started
//! their own browsers and each ended on one long test with the other thread idle.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../support/mod.rs"]
mod support;

mod accessibility;
mod e2e;
mod edit;
mod host;
