//! `systemd_unit!`: a family of systemd units written as Rust items, checked at compile time.
//!
//! This crate is the procedural-macro shim: it holds the macro's documentation and hands the
//! tokens to [`unit_macros_core::expand`], the front end (parse, lower, check, generate) as an
//! ordinary library that tests and fuzz targets call directly. The generated code names its
//! types through `unit_run` (which re-exports `unit_core`), so a crate using the macro depends
//! on `unit-run` too.

/// Defines a family of systemd units and expands it into `pub static FAMILY: unit_core::Family`
/// (named `unit_run::Family` in the generated code).
///
/// Sections and directives are spelled as systemd spells them; values are string literals
/// (numbers and single words such as `yes` may be written bare). The items:
///
/// - `options { name: type = "default", ... }`: build options such as paths, filled in when the
///   family is rendered (`type` is `path`, `mode` or `text`).
/// - `dirs { unit = systemdsystemunitdir; preset = presetdir; prefix = prefix; }`: which
///   `path` options are the unit directory, the preset directory and the installation prefix
///   that `install` and `package` use; a key left out keeps the option `unitdir`, `presetdir`
///   or `prefix`.
/// - `snippet name { Directive = "..."; }`: directives shared by several units, spliced in with
///   `use name;` under the section they belong to.
/// - `template name(param: type = "default", ...) -> "{daemon}.service" { ... }`: a unit
///   parameterised by `text`, `name`, `path` or `mode` parameters; `{param}` and
///   `{param:upper}` stand for them in values, `{daemon}` for the daemon's name, and `{option}`
///   for a build option.
/// - `daemon name(param = "...") { template; template { extras } unit "x.service" { ... } }`: a
///   daemon's units: template instances, whose extras are merged directive by directive, and
///   units of its own.
/// - `unit "name.target" { ... }`: a unit that belongs to no daemon.
/// - `extern { "iscsid.service" = "reason"; }`: units other packages provide.
///
/// In extras, `override Key = "..."` replaces a single value of the template, `remove Key =
/// "..."` takes out one value, and `reset Key;` clears every value. Doc comments on templates,
/// units, template instances and directives become `#` comments in the rendered file (on a
/// daemon they document the Rust item only); `#[cfg(...)]` on a daemon or unit leaves it out
/// of the family.
///
/// Every mistake is a compile error at the token that causes it, all of them in one build.
///
/// ```
/// use unit_macros::systemd_unit;
///
/// systemd_unit! {
///     options { runstatedir: path = "/run" }
///
///     template demo_socket(mode: mode = "0600") -> "{daemon}.socket" {
///         [Socket]
///         ListenStream = "{runstatedir}/{daemon}.sock";
///         SocketMode = "{mode}";
///         [Install]
///         WantedBy = "sockets.target";
///     }
///
///     daemon demo {
///         demo_socket;
///         /// The demo daemon.
///         unit "demo.service" {
///             [Service]
///             ExecStart = "/usr/bin/demo";
///         }
///     }
/// }
///
/// let units = FAMILY.render(&FAMILY.default_options()).unwrap();
/// assert_eq!(units[0].name, "demo.socket");
/// assert!(units[0].text.contains("ListenStream=/run/demo.sock\n"));
/// ```
///
/// More, each a doctest: template units and `Accept=yes` sockets, timers, `extern` units and
/// drop-ins, presets, the directory options, `#[cfg]` and literal braces:
#[doc = include_str!("../doc/examples.md")]
#[proc_macro]
pub fn systemd_unit(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    unit_macros_core::expand(input.into()).into()
}
