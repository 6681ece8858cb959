//! What a definition with errors expands to: the errors, and an empty family of the same name
//! so that code using it reports nothing more.

use proc_macro2::TokenStream;
use quote::quote;

pub fn family(errors: TokenStream) -> TokenStream {
    quote! {
        #errors
        /// Every unit of this family (empty: the definition has errors).
        pub static FAMILY: ::unit_run::__private::Family = ::unit_run::__private::Family::EMPTY;
    }
}
