//! Parameters: what an experiment accepts, and checking what a user (or the
//! URL query) gave against it.
//!
//! Every experiment declares its parameters once, as a typed struct with a
//! [`ParamSpec`] for each field ([`params!`]): the field's
//! name is the query key and the report's name. [`validate`] turns raw text
//! (from the form or from `#/page?name=value`) into [`Values`], and reports
//! every problem next to its field instead of silently replacing a bad
//! value; [`Params::from_values`] turns those into the struct, which is all
//! an experiment's run and its page ever read.

use crate::i18n::Text;
use crate::runtime::env::Env;
use serde::Serialize;
use std::collections::BTreeMap;

/// Query keys that are not parameters of any experiment.
pub const RESERVED_KEYS: &[&str] = &["run"];

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Int {
        min: i64,
        max: i64,
    },
    /// A decimal number (milliseconds, for instance).
    Float {
        min: f64,
        max: f64,
    },
    Bool,
    Choice(&'static [&'static str]),
    /// A comma list of distinct options (at least one), kept in the
    /// options' order.
    Set(&'static [&'static str]),
    /// A comma list of whole numbers (at least one), each in the range.
    IntList {
        min: i64,
        max: i64,
    },
    /// `all`, or a whole number in the range (Python's `notify(n)` or
    /// `notify_all()`).
    CountOrAll {
        min: i64,
        max: i64,
    },
}

/// A parameter's default; `Cores` is `navigator.hardwareConcurrency`,
/// clamped into the parameter's range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Default {
    Int(i64),
    Float(f64),
    Bool(bool),
    Choice(&'static str),
    /// Every option of a [`Kind::Set`].
    AllOptions,
    /// A list of whole numbers.
    Ints(&'static [i64]),
    /// `all` of a [`Kind::CountOrAll`].
    All,
    /// A new random number for every run (a seed); the form shows it empty.
    Random,
    Cores,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParamSpec {
    /// The query key and the report's name for it (the field's name).
    pub name: &'static str,
    pub label: Text,
    pub help: Option<Text>,
    pub kind: Kind,
    pub default: Default,
}

/// A spec whose name its field gives ([`params!`] fills it in).
pub const fn spec(label: Text, help: Option<Text>, kind: Kind, default: Default) -> ParamSpec {
    ParamSpec {
        name: "",
        label,
        help,
        kind,
        default,
    }
}

/// An experiment's parameters: one typed struct, declared with
/// [`params!`].
pub trait Params: Sized + Clone + PartialEq + std::fmt::Debug + Serialize + 'static {
    /// One spec per field, in the form's order.
    fn specs() -> &'static [ParamSpec];

    /// The struct from values that [`validate`] made from `specs()`.
    fn from_values(values: &Values) -> Self;
}

/// What a field's type takes from its validated value. A mismatch is a bug
/// in a declaration (a `bool` field with an `Int` kind), caught by every
/// experiment's tests, which build their parameters.
pub trait FromValue {
    fn from_value(value: &Value) -> Self;
}

fn mismatch(value: &Value, wanted: &str) -> ! {
    panic!("a parameter declared as {wanted} holds {value:?}")
}

macro_rules! from_int {
    ($($ty:ty),*) => {$(
        impl FromValue for $ty {
            fn from_value(value: &Value) -> Self {
                match value {
                    Value::Int(n) => <$ty>::try_from(*n).unwrap_or_else(|_| mismatch(value, stringify!($ty))),
                    other => mismatch(other, stringify!($ty)),
                }
            }
        }
    )*};
}
from_int!(u16, u32, u64, usize);

impl FromValue for bool {
    fn from_value(value: &Value) -> Self {
        match value {
            Value::Bool(b) => *b,
            other => mismatch(other, "bool"),
        }
    }
}

impl FromValue for f64 {
    fn from_value(value: &Value) -> Self {
        match value {
            Value::Float(x) => *x,
            other => mismatch(other, "f64"),
        }
    }
}

impl FromValue for Vec<u64> {
    fn from_value(value: &Value) -> Self {
        match value {
            Value::Ints(items) => items
                .iter()
                .map(|n| u64::try_from(*n).unwrap_or_else(|_| mismatch(value, "Vec<u64>")))
                .collect(),
            other => mismatch(other, "Vec<u64>"),
        }
    }
}

/// A [`Kind::CountOrAll`] value: Python's `notify(n)` or `notify_all()`.
/// In the report: `"all"`, or the number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum CountOrAll {
    #[serde(serialize_with = "all")]
    All,
    Count(usize),
}

fn all<S: serde::Serializer>(serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str("all")
}

impl FromValue for CountOrAll {
    fn from_value(value: &Value) -> Self {
        match value {
            Value::Choice("all") => CountOrAll::All,
            Value::Int(n) => CountOrAll::Count(
                usize::try_from(*n).unwrap_or_else(|_| mismatch(value, "a count")),
            ),
            other => mismatch(other, "a count or all"),
        }
    }
}

/// A [`Kind::Set`] of options as a list of typed choices: each option is
/// the name of one value of `T`.
pub trait Choice: Sized + Copy + 'static {
    /// Every choice, named as in the set's options.
    fn choices() -> &'static [(&'static str, Self)];
}

impl<T: Choice> FromValue for Vec<T> {
    fn from_value(value: &Value) -> Self {
        match value {
            Value::Set(names) => names
                .iter()
                .map(|name| {
                    T::choices()
                        .iter()
                        .find(|(n, _)| n == name)
                        .map(|(_, choice)| *choice)
                        .unwrap_or_else(|| mismatch(value, "one of the choices"))
                })
                .collect(),
            other => mismatch(other, "a set"),
        }
    }
}

/// Declares an experiment's parameters as a typed struct, each field with
/// its [`spec`]: the field's name is its query key and its name in the
/// report, so no name is ever spelled twice.
///
/// ```ignore
/// params! {
///     pub struct LockParams {
///         threads: usize = spec(Text::FieldThreads, None, Kind::Int { min: 1, max: 256 }, Default::Int(100)),
///     }
/// }
/// ```
macro_rules! params {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident : $ty:ty = $spec:expr ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        pub struct $name {
            $( $(#[$field_meta])* pub $field: $ty, )*
        }

        impl $crate::experiments::params::Params for $name {
            fn specs() -> &'static [$crate::experiments::params::ParamSpec] {
                const SPECS: &[$crate::experiments::params::ParamSpec] = &[
                    $( $crate::experiments::params::ParamSpec { name: stringify!($field), ..$spec } ),*
                ];
                SPECS
            }

            fn from_values(values: &$crate::experiments::params::Values) -> Self {
                use $crate::experiments::params::FromValue;
                Self {
                    $( $field: FromValue::from_value(
                        values.get(stringify!($field)).expect("validate gives every field a value"),
                    ), )*
                }
            }
        }

        /// The schema says what the form accepts: each field's kind and range.
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::experiments::params::params_schema(
                    <Self as $crate::experiments::params::Params>::specs(),
                )
            }
        }
    };
}

/// The JSON Schema of a report's `params`: every field, of its kind and in
/// its range (the values a run took, defaults filled in).
pub fn params_schema(specs: &[ParamSpec]) -> schemars::Schema {
    use serde_json::json;
    let field = |spec: &ParamSpec| match spec.kind {
        Kind::Int { min, max } => json!({ "type": "integer", "minimum": min, "maximum": max }),
        Kind::Float { min, max } => json!({ "type": "number", "minimum": min, "maximum": max }),
        Kind::Bool => json!({ "type": "boolean" }),
        Kind::Choice(options) => json!({ "type": "string", "enum": options }),
        Kind::Set(options) => json!({
            "type": "array", "items": { "enum": options }, "minItems": 1, "uniqueItems": true,
        }),
        Kind::IntList { min, max } => json!({
            "type": "array", "items": { "type": "integer", "minimum": min, "maximum": max }, "minItems": 1,
        }),
        Kind::CountOrAll { min, max } => json!({
            "oneOf": [{ "const": "all" }, { "type": "integer", "minimum": min, "maximum": max }],
        }),
    };
    let properties: serde_json::Map<String, serde_json::Value> = specs
        .iter()
        .map(|spec| (spec.name.to_string(), field(spec)))
        .collect();
    let required: Vec<&str> = specs.iter().map(|spec| spec.name).collect();
    schemars::json_schema!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}
pub(crate) use params;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Int(i64),
    Float(f64),
    Bool(bool),
    Choice(&'static str),
    Set(Vec<&'static str>),
    Ints(Vec<i64>),
}

impl Value {
    /// The value as the form shows it and the query carries it.
    pub fn to_text(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Float(x) => x.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Choice(c) => (*c).to_string(),
            Value::Set(items) => items.join(","),
            Value::Ints(items) => items
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

impl ParamSpec {
    pub fn default_value(&self, env: &Env) -> Value {
        match (self.default, self.kind) {
            (Default::Int(n), _) => Value::Int(n),
            (Default::Float(x), _) => Value::Float(x),
            (Default::Bool(b), _) => Value::Bool(b),
            (Default::Choice(c), _) => Value::Choice(c),
            (Default::Cores, Kind::Int { min, max }) => {
                Value::Int(i64::from(env.hardware_concurrency).clamp(min, max))
            }
            (Default::AllOptions, Kind::Set(options)) => Value::Set(options.to_vec()),
            (Default::AllOptions, _) => Value::Set(Vec::new()),
            (Default::Ints(items), _) => Value::Ints(items.to_vec()),
            (Default::All, _) => Value::Choice("all"),
            (Default::Random, _) => Value::Int(random_seed()),
            (Default::Cores, _) => Value::Int(i64::from(env.hardware_concurrency)),
        }
    }

    /// What the form shows when the query has no value: the default, or
    /// nothing for a random one (so that it is not a new number each time
    /// the page draws).
    pub fn default_text(&self, env: &Env) -> String {
        match self.default {
            Default::Random => String::new(),
            _ => self.default_value(env).to_text(),
        }
    }

    /// Parses one raw value.
    pub fn parse(&self, raw: &str) -> Result<Value, Problem> {
        let raw = raw.trim();
        match self.kind {
            Kind::Int { .. } if raw.is_empty() && self.default == Default::Random => {
                Ok(Value::Int(random_seed()))
            }
            Kind::Int { min, max } => int_in(raw, min, max).map(Value::Int),
            Kind::IntList { min, max } => {
                let items = raw
                    .split(',')
                    .map(|item| int_in(item.trim(), min, max))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Value::Ints(items))
            }
            Kind::CountOrAll { .. } if raw.eq_ignore_ascii_case("all") => Ok(Value::Choice("all")),
            Kind::CountOrAll { min, max } => int_in(raw, min, max).map(Value::Int),
            Kind::Float { min, max } => {
                let x: f64 = raw
                    .parse()
                    .ok()
                    .filter(|x: &f64| x.is_finite())
                    .ok_or(Problem::NotNumber)?;
                if (min..=max).contains(&x) {
                    Ok(Value::Float(x))
                } else {
                    Err(Problem::OutOfRange {
                        min: min.to_string(),
                        max: max.to_string(),
                    })
                }
            }
            Kind::Bool => match raw.to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(Value::Bool(true)),
                "false" | "0" | "no" | "off" => Ok(Value::Bool(false)),
                _ => Err(Problem::NotBool),
            },
            Kind::Choice(options) => options
                .iter()
                .find(|o| o.eq_ignore_ascii_case(raw))
                .map(|o| Value::Choice(o))
                .ok_or(Problem::NotChoice(options)),
            Kind::Set(options) => {
                let mut chosen = Vec::new();
                for item in raw.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                    let option = options
                        .iter()
                        .find(|o| o.eq_ignore_ascii_case(item))
                        .ok_or(Problem::NotChoice(options))?;
                    chosen.push(*option);
                }
                if chosen.is_empty() {
                    return Err(Problem::EmptySet(options));
                }
                // The options' order, each once: "free,gil,free" is "gil,free".
                Ok(Value::Set(
                    options
                        .iter()
                        .copied()
                        .filter(|o| chosen.contains(o))
                        .collect(),
                ))
            }
        }
    }
}

fn int_in(raw: &str, min: i64, max: i64) -> Result<i64, Problem> {
    let n: i64 = raw.parse().map_err(|_| Problem::NotInteger)?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(Problem::OutOfRange {
            min: min.to_string(),
            max: max.to_string(),
        })
    }
}

/// A seed for a run that asked for none: from the clock's low bits, which
/// is as random as a teaching tool needs.
fn random_seed() -> i64 {
    let now = crate::clock::now_ms();
    ((now * 1000.0) as u64 % 1_000_000) as i64
}

/// What is wrong with a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    NotInteger,
    NotNumber,
    /// The bounds as the user would write them.
    OutOfRange {
        min: String,
        max: String,
    },
    NotBool,
    NotChoice(&'static [&'static str]),
    EmptySet(&'static [&'static str]),
    /// A list that must have as many items as another field says.
    WrongCount {
        expected: usize,
        /// "one per consumer".
        per: Text,
    },
}

/// A problem with the given input: a field's value, or a key that is no field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    Invalid {
        field: &'static str,
        raw: String,
        problem: Problem,
    },
    Unknown {
        key: String,
    },
}

impl FieldError {
    /// The field this error belongs next to (`None`: the form as a whole).
    pub fn field(&self) -> Option<&'static str> {
        match self {
            FieldError::Invalid { field, .. } => Some(field),
            FieldError::Unknown { .. } => None,
        }
    }

    /// Unknown keys are ignored and reported; invalid values stop the run.
    pub fn blocks_run(&self) -> bool {
        matches!(self, FieldError::Invalid { .. })
    }

    /// What is wrong, as plain text (the report's `error` says this).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        crate::i18n::plain(&self.message_marked(lang))
    }

    /// What is wrong, values and options in `backticks` (shown in code
    /// font next to the field).
    pub fn message_marked(&self, lang: crate::i18n::Lang) -> String {
        match self {
            FieldError::Unknown { key } => {
                Text::ErrUnknownParam.fill_marked(lang, &[("name", key)])
            }
            FieldError::Invalid { raw, problem, .. } => match problem {
                Problem::NotInteger => Text::ErrNotInteger.fill_marked(lang, &[("value", raw)]),
                Problem::NotNumber => Text::ErrNotNumber.fill_marked(lang, &[("value", raw)]),
                Problem::OutOfRange { min, max } => Text::ErrOutOfRange
                    .fill_marked(lang, &[("value", raw), ("min", min), ("max", max)]),
                Problem::NotBool => Text::ErrNotBool.fill_marked(lang, &[("value", raw)]),
                Problem::NotChoice(options) => Text::ErrNotChoice
                    .fill_marked(lang, &[("value", raw), ("options", &options.join(", "))]),
                Problem::WrongCount { expected, per } => Text::ErrWrongCount.fill_marked(
                    lang,
                    &[("n", &expected.to_string()), ("per", per.marked(lang))],
                ),
                Problem::EmptySet(options) => {
                    Text::ErrEmptySet.fill_marked(lang, &[("options", &options.join(", "))])
                }
            },
        }
    }
}

/// Validated parameters, by name. Serialises as the report's `params`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Values(BTreeMap<&'static str, Value>);

impl Values {
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name)
    }
}

/// The text given for `name`: the last one, if the query has it twice.
pub fn raw_value<'a>(raw: &'a [(String, String)], name: &str) -> Option<&'a str> {
    raw.iter()
        .rev()
        .find(|(key, _)| key == name)
        .map(|(_, text)| text.as_str())
}

/// Checks raw `(key, text)` pairs against `specs`. Missing fields take their
/// defaults. Returns the values (defaults standing in for invalid ones, so a
/// form can still show something) and every problem found.
pub fn validate(
    specs: &[ParamSpec],
    raw: &[(String, String)],
    env: &Env,
) -> (Values, Vec<FieldError>) {
    let mut values = BTreeMap::new();
    let mut errors = Vec::new();
    for spec in specs {
        let value = match raw_value(raw, spec.name) {
            None => spec.default_value(env),
            Some(text) => match spec.parse(text) {
                Ok(value) => value,
                Err(problem) => {
                    errors.push(FieldError::Invalid {
                        field: spec.name,
                        raw: text.to_string(),
                        problem,
                    });
                    spec.default_value(env)
                }
            },
        };
        values.insert(spec.name, value);
    }
    for (key, _) in raw {
        let known = specs.iter().any(|s| s.name == key) || RESERVED_KEYS.contains(&key.as_str());
        if !known
            && !errors
                .iter()
                .any(|e| matches!(e, FieldError::Unknown { key: k } if k == key))
        {
            errors.push(FieldError::Unknown { key: key.clone() });
        }
    }
    (Values(values), errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[ParamSpec] = &[
        ParamSpec {
            name: "threads",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::Int { min: 1, max: 256 },
            default: Default::Cores,
        },
        ParamSpec {
            name: "use_lock",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::Bool,
            default: Default::Bool(true),
        },
        ParamSpec {
            name: "mode",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::Choice(&["all", "one"]),
            default: Default::Choice("all"),
        },
    ];

    const ENV: Env = Env {
        cross_origin_isolated: true,
        hardware_concurrency: 4,
        browser: "test",
        timer_resolution_ms: 0.005,
    };

    /// `a=1&b=2` as pairs (no decoding: these tests need none).
    fn pairs(query: &str) -> Vec<(String, String)> {
        query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_string(), v.to_string())
            })
            .collect()
    }

    fn int(values: &Values, name: &str) -> i64 {
        match values.get(name) {
            Some(Value::Int(n)) => *n,
            other => panic!("{name}: {other:?}"),
        }
    }

    #[test]
    fn missing_values_take_defaults_and_cores_come_from_the_env() {
        let (values, errors) = validate(SPECS, &[], &ENV);
        assert!(errors.is_empty());
        assert_eq!(int(&values, "threads"), 4);
        assert!((values.get("use_lock") == Some(&Value::Bool(true))));
        assert_eq!(values.get("mode").unwrap().to_text(), "all");
    }

    #[test]
    fn good_values_are_parsed() {
        let (values, errors) = validate(
            SPECS,
            &pairs("threads=100&use_lock=false&mode=ONE&run=1"),
            &ENV,
        );
        assert_eq!(errors, vec![]);
        assert_eq!(int(&values, "threads"), 100);
        assert!(!(values.get("use_lock") == Some(&Value::Bool(true))));
        assert_eq!(values.get("mode").unwrap().to_text(), "one");
    }

    #[test]
    fn bad_values_are_reported_on_their_field_not_replaced_silently() {
        let (_, errors) = validate(SPECS, &pairs("threads=0&use_lock=maybe&mode=some"), &ENV);
        assert_eq!(errors.len(), 3);
        assert_eq!(
            errors[0],
            FieldError::Invalid {
                field: "threads",
                raw: "0".into(),
                problem: Problem::OutOfRange {
                    min: "1".into(),
                    max: "256".into()
                }
            }
        );
        assert_eq!(errors[1].field(), Some("use_lock"));
        assert_eq!(errors[2].field(), Some("mode"));
        assert!(errors.iter().all(FieldError::blocks_run));
        let (_, errors) = validate(SPECS, &pairs("threads=ten"), &ENV);
        assert_eq!(
            errors[0].message(crate::i18n::Lang::En),
            "“ten” is not a whole number"
        );
    }

    const MORE: &[ParamSpec] = &[
        ParamSpec {
            name: "interval",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::Float {
                min: 0.1,
                max: 100.0,
            },
            default: Default::Float(5.0),
        },
        ParamSpec {
            name: "modes",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::Set(&["a", "b", "c"]),
            default: Default::AllOptions,
        },
    ];

    #[test]
    fn decimals_and_lists_are_parsed_and_checked() {
        let (values, errors) = validate(MORE, &[], &ENV);
        assert!(errors.is_empty());
        assert_eq!(
            values
                .get("interval")
                .unwrap()
                .to_text()
                .parse::<f64>()
                .unwrap(),
            5.0
        );
        assert_eq!(values.get("modes").unwrap().to_text(), "a,b,c");

        let (values, errors) = validate(MORE, &pairs("interval=0.5&modes=c, A,c"), &ENV);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            values
                .get("interval")
                .unwrap()
                .to_text()
                .parse::<f64>()
                .unwrap(),
            0.5
        );
        assert_eq!(values.get("modes").unwrap().to_text(), "a,c");

        let (_, errors) = validate(MORE, &pairs("interval=0.01&modes=a,z"), &ENV);
        let problems: Vec<_> = errors
            .iter()
            .map(|e| e.message(crate::i18n::Lang::En))
            .collect();
        assert_eq!(
            problems,
            [
                "0.01 is out of range: use 0.1 to 100",
                "“a,z” is not one of: a, b, c"
            ]
        );
        let (_, errors) = validate(MORE, &pairs("interval=NaN&modes=,"), &ENV);
        assert_eq!(errors.len(), 2);
        assert!(matches!(
            &errors[0],
            FieldError::Invalid {
                problem: Problem::NotNumber,
                ..
            }
        ));
        assert!(matches!(
            &errors[1],
            FieldError::Invalid {
                problem: Problem::EmptySet(_),
                ..
            }
        ));
    }

    const LISTS: &[ParamSpec] = &[
        ParamSpec {
            name: "starts",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::IntList { min: 0, max: 100 },
            default: Default::Ints(&[0, 10]),
        },
        ParamSpec {
            name: "notify",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::CountOrAll { min: 1, max: 8 },
            default: Default::All,
        },
        ParamSpec {
            name: "seed",
            label: Text::FieldThreads,
            help: None,
            kind: Kind::Int {
                min: 0,
                max: 1_000_000,
            },
            default: Default::Random,
        },
    ];

    #[test]
    fn number_lists_counts_and_random_seeds() {
        let (values, errors) = validate(LISTS, &[], &ENV);
        assert!(errors.is_empty());
        assert_eq!(values.get("starts").unwrap().to_text(), "0,10");
        assert_eq!(
            CountOrAll::from_value(values.get("notify").unwrap()),
            CountOrAll::All
        );
        assert!((0..=1_000_000).contains(&int(&values, "seed")));
        assert_eq!(LISTS[2].default_text(&ENV), "");

        let (values, errors) = validate(LISTS, &pairs("starts=5, 99&notify=3&seed=42"), &ENV);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(values.get("starts").unwrap().to_text(), "5,99");
        assert_eq!(
            CountOrAll::from_value(values.get("notify").unwrap()),
            CountOrAll::Count(3)
        );
        assert_eq!(int(&values, "seed"), 42);
        // An empty seed is a random one, too.
        assert!(validate(LISTS, &pairs("seed="), &ENV).1.is_empty());

        let (_, errors) = validate(LISTS, &pairs("starts=5,x&notify=9"), &ENV);
        let problems: Vec<_> = errors
            .iter()
            .map(|e| e.message(crate::i18n::Lang::En))
            .collect();
        assert_eq!(
            problems,
            [
                "“5,x” is not a whole number",
                "9 is out of range: use 1 to 8"
            ]
        );
    }

    #[test]
    fn unknown_keys_are_reported_once_and_do_not_block() {
        let (_, errors) = validate(SPECS, &pairs("colour=red&colour=blue"), &ENV);
        assert_eq!(
            errors,
            vec![FieldError::Unknown {
                key: "colour".into()
            }]
        );
        assert!(!errors[0].blocks_run());
    }

    #[test]
    fn the_default_for_cores_stays_in_range() {
        let many = Env {
            cross_origin_isolated: true,
            hardware_concurrency: 1000,
            browser: "test",
            timer_resolution_ms: 0.005,
        };
        assert_eq!(SPECS[0].default_value(&many), Value::Int(256));
    }
}
