#[test] fn ui() {}
