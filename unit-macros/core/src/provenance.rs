//! Where the tokens of templates went: the table lowering returns so that the errors of a
//! template, found once per daemon that uses it, can be reported once, at the template, naming
//! the daemons they concern.

use std::collections::HashMap;

use super::sites::BySite;

/// What lowering records about templates and values, by site.
#[derive(Default)]
pub struct Provenance {
    /// The site of each directive's value, by the site of its key.
    pub value_sites: BySite<u32>,
    /// The template each site of a template's body belongs to.
    pub template_sites: BySite<String>,
    /// The daemons that use each template, in definition order.
    pub template_users: HashMap<String, Vec<String>>,
    /// The template parameters each daemon put into each site's value.
    pub param_values: HashMap<(u32, String), Vec<(String, String)>>,
    /// The template and unit name of each template instance, by the instance's site.
    pub instances: BySite<(String, String)>,
    /// The site of each template's name and its unit name as written.
    pub template_names: HashMap<String, (u32, String)>,
}
