//! Meeting numbers cross to TypeScript as strings: they exceed 2^53 in principle, and a JS
//! number would silently round them. Use with `#[serde(with = "...")]` and `#[ts(type = ...)]`.

use serde::Serializer;

/// An `i64` as a decimal string.
pub mod id_string {
    use super::*;

    /// Serializes `id` as `"85746065432"`.
    pub fn serialize<S: Serializer>(id: &i64, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(id)
    }
}

/// An `Option<i64>` as a decimal string or `null`.
pub mod opt_id_string {
    use super::*;

    /// Serializes `Some(id)` as a string and `None` as `null`.
    pub fn serialize<S: Serializer>(id: &Option<i64>, s: S) -> Result<S::Ok, S::Error> {
        match id {
            Some(id) => s.collect_str(id),
            None => s.serialize_none(),
        }
    }
}

/// A list of `i64` as a list of decimal strings.
pub mod id_strings {
    use super::*;
    use serde::ser::SerializeSeq;

    /// Serializes `[1, 2]` as `["1", "2"]`.
    pub fn serialize<S: Serializer>(ids: &[i64], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(ids.len()))?;
        for id in ids {
            seq.serialize_element(&id.to_string())?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    #[derive(serde::Serialize)]
    struct Sample {
        #[serde(with = "super::id_string")]
        id: i64,
        #[serde(with = "super::opt_id_string")]
        pmi: Option<i64>,
        #[serde(with = "super::opt_id_string")]
        none: Option<i64>,
        #[serde(with = "super::id_strings")]
        ids: Vec<i64>,
    }

    #[test]
    fn ids_beyond_two_to_the_53_survive_as_strings() {
        let json = serde_json::to_value(Sample {
            id: 9_007_199_254_740_993,
            pmi: Some(8_123_456_789),
            none: None,
            ids: vec![1, 85_746_065_432],
        })
        .expect("serializes");
        assert_eq!(
            json,
            serde_json::json!({"id": "9007199254740993", "pmi": "8123456789", "none": null,
                "ids": ["1", "85746065432"]})
        );
    }
}
