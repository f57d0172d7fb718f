//! The trait impls every generated string enum (`ErrorCode`, `Locale`, `Category`) has, written
//! once here as a macro rather than rendered three times into every catalog's generated code.
//!
//! Generated code invokes it as `<runtime>::string_enum_impls!(Type, Kind, names)`. The macro
//! is hygienic in the way generated code must be: it names every item by an absolute path
//! (`::core::...`, `$crate::...`), so it expands the same in a module that shadows `Option`,
//! `Result`, `String` or `Default`.

/// `FromStr`, `TryFrom<&str>`, `Display`, `AsRef<str>`, `From<Self> for &'static str`, serde
/// and strum's `IntoEnumIterator`, `EnumCount`, `VariantArray` and `VariantNames`, for an enum
/// with `ALL`, `as_str` and `from_str_exact`, whose string forms are the static `$names`;
/// `$kind` is the variant of [`ParseErrorKind`](crate::ParseErrorKind) its parse errors carry.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_impls {
    ($name:ident, $kind:ident, $names:path) => {
        #[automatically_derived]
        impl ::core::str::FromStr for $name {
            type Err = $crate::ParseError;
            #[inline]
            fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::from_str_exact(s)
                    .ok_or($crate::ParseError::new($crate::ParseErrorKind::$kind))
            }
        }

        #[automatically_derived]
        impl<'a> ::core::convert::TryFrom<&'a str> for $name {
            type Error = $crate::ParseError;
            fn try_from(s: &'a str) -> ::core::result::Result<Self, Self::Error> {
                <Self as ::core::str::FromStr>::from_str(s)
            }
        }

        #[automatically_derived]
        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[automatically_derived]
        impl ::core::convert::AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<$name> for &'static str {
            fn from(value: $name) -> &'static str {
                value.as_str()
            }
        }

        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[automatically_derived]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_str(
                    deserializer,
                    $crate::ParseErrorKind::$kind,
                    Self::from_str_exact,
                )
            }
        }

        #[automatically_derived]
        impl $crate::__private::strum::IntoEnumIterator for $name {
            type Iterator = ::core::iter::Copied<::core::slice::Iter<'static, $name>>;
            fn iter() -> Self::Iterator {
                Self::ALL.iter().copied()
            }
        }

        #[automatically_derived]
        impl $crate::__private::strum::EnumCount for $name {
            const COUNT: usize = Self::ALL.len();
        }

        #[automatically_derived]
        impl $crate::__private::strum::VariantArray for $name {
            const VARIANTS: &'static [Self] = Self::ALL;
        }

        #[automatically_derived]
        impl $crate::__private::strum::VariantNames for $name {
            const VARIANTS: &'static [&'static str] = &$names;
        }
    };
}
