//! Where in a record's YAML a field path is: a second pass over the text
//! that stops at the field, so a problem found after parsing (a rule, a
//! spreadsheet cell) is still named at its line and column.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::{FieldPath, Seg};

/// Removes the ` at line L column C` suffix and any `field.path[0]: ` prefix
/// yaml_serde adds: the diagnostic shows both on its own.
pub(super) fn strip_location(message: &str, path: &FieldPath) -> String {
    let mut m = message;
    if let Some(i) = m.rfind(" at line ") {
        m = &m[..i];
    }
    let prefix = format!("{path}: ");
    if !path.is_root() {
        m = m.strip_prefix(prefix.as_str()).unwrap_or(m);
    }
    if let Some((head, rest)) = m.split_once(": ") {
        let is_path = !head.is_empty()
            && head
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_.[]-".contains(&b));
        if is_path {
            m = rest;
        }
    }
    m.to_string()
}

/// The marker error a located value raises; its position is the value's position.
const HERE: &str = "\u{1}gongkai-located";

/// Finds the 1-based (line, column) of the value at `segs` by walking the YAML
/// with serde and failing on purpose when the target is reached: yaml_serde then
/// reports that value's own position. Used only on the error path.
pub(super) fn locate_in_yaml(yaml: &str, segs: &[Seg]) -> Option<(usize, usize)> {
    let de = serde_yaml::Deserializer::from_str(yaml);
    match Locate(segs).deserialize(de) {
        Err(e) if e.to_string().contains(HERE) => e.location().map(|l| (l.line(), l.column())),
        _ => None,
    }
}

struct Locate<'a>(&'a [Seg]);

impl<'de> DeserializeSeed<'de> for Locate<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Locate<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((Seg::Key(want), rest)) = self.0.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        while let Some(key) = map.next_key::<KeyText>()? {
            if key.0 == *want {
                return map.next_value_seed(Locate(rest));
            }
            map.next_value::<IgnoredAny>()?;
        }
        Err(de::Error::custom("not found"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((Seg::Index(want), rest)) = self.0.split_first() else {
            return Err(de::Error::custom(HERE));
        };
        let mut i = 0;
        while i < *want {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Err(de::Error::custom("not found"));
            }
            i += 1;
        }
        match seq.next_element_seed(Locate(rest))? {
            Some(()) => Ok(()),
            None => Err(de::Error::custom("not found")),
        }
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
}

impl Locate<'_> {
    fn scalar<E: de::Error>(self) -> Result<(), E> {
        if self.0.is_empty() {
            Err(E::custom(HERE))
        } else {
            Err(E::custom("not found"))
        }
    }
}

/// A mapping key of any scalar kind, as text.
struct KeyText(String);

impl<'de> de::Deserialize<'de> for KeyText {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Ok(KeyText(String::new()))
            }
        }
        d.deserialize_any(V)
    }
}
