//! Encoded queries (`sysparm_query`): `^` AND, `^OR`, `^NQ`, the common operators,
//! `ORDERBY`/`ORDERBYDESC`, and `javascript:gs.getUserID()`. Like an instance, parts
//! that are not understood (unknown fields or operators) are silently ignored.

use std::cmp::Ordering;

use crate::fields;
use crate::schema::Table;
use crate::store::{Record, Store};

/// Operators, longest first so that `ISNOTEMPTY` is not read as `IS…`/`IN`.
const OPERATORS: &[(&str, Op)] = &[
    ("ISNOTEMPTY", Op::IsNotEmpty),
    ("ISEMPTY", Op::IsEmpty),
    ("ANYTHING", Op::Anything),
    ("NOT LIKE", Op::NotLike),
    ("NOT IN", Op::NotIn),
    ("STARTSWITH", Op::StartsWith),
    ("ENDSWITH", Op::EndsWith),
    ("LIKE", Op::Like),
    ("IN", Op::In),
    ("!=", Op::Ne),
    (">=", Op::Ge),
    ("<=", Op::Le),
    ("=", Op::Eq),
    (">", Op::Gt),
    ("<", Op::Lt),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    NotLike,
    StartsWith,
    EndsWith,
    In,
    NotIn,
    IsEmpty,
    IsNotEmpty,
    Anything,
}

#[derive(Clone, Debug)]
struct Cond {
    path: String,
    op: Op,
    value: String,
}

/// A parsed query: `^NQ` alternatives of AND-ed OR-groups, plus the sort order.
#[derive(Clone, Debug, Default)]
pub struct Query {
    alternatives: Vec<Vec<Vec<Cond>>>,
    order: Vec<(String, bool)>,
}

impl Query {
    /// Parses an encoded query for a table; `user_sys_id` answers `gs.getUserID()`.
    pub fn parse(encoded: &str, table: &Table, user_sys_id: &str) -> Query {
        let mut query = Query::default();
        for alternative in encoded.split("^NQ") {
            let mut groups: Vec<Vec<Cond>> = Vec::new();
            for term in alternative.split('^') {
                if let Some(path) = term.strip_prefix("ORDERBYDESC") {
                    query.push_order(table, path, true);
                } else if let Some(path) = term.strip_prefix("ORDERBY") {
                    query.push_order(table, path, false);
                } else if let Some(cond) = term
                    .strip_prefix("OR")
                    .and_then(|t| condition(t, table, user_sys_id))
                {
                    match groups.last_mut() {
                        Some(group) => group.push(cond),
                        None => groups.push(vec![cond]),
                    }
                } else if let Some(cond) = condition(term, table, user_sys_id) {
                    groups.push(vec![cond]);
                }
            }
            if !groups.is_empty() {
                query.alternatives.push(groups);
            }
        }
        query
    }

    /// Adds `field=value` conditions (the Table API's name-value pair parameters).
    pub fn and_equals(&mut self, table: &Table, pairs: &[(String, String)]) {
        let conds: Vec<Vec<Cond>> = pairs
            .iter()
            .filter(|(k, _)| fields::path_kind(table, k).is_some())
            .map(|(k, v)| {
                vec![Cond {
                    path: k.clone(),
                    op: Op::Eq,
                    value: v.clone(),
                }]
            })
            .collect();
        if conds.is_empty() {
            return;
        }
        if self.alternatives.is_empty() {
            self.alternatives.push(Vec::new());
        }
        for alternative in &mut self.alternatives {
            alternative.extend(conds.iter().cloned());
        }
    }

    fn push_order(&mut self, table: &Table, path: &str, descending: bool) {
        if fields::path_kind(table, path).is_some() {
            self.order.push((path.to_owned(), descending));
        }
    }

    /// Whether a record matches.
    pub fn matches(&self, store: &Store, table: &Table, rec: &Record) -> bool {
        self.alternatives.is_empty()
            || self.alternatives.iter().any(|groups| {
                groups
                    .iter()
                    .all(|group| group.iter().any(|c| c.holds(store, table, rec)))
            })
    }

    /// Sorts matching records by the query's `ORDERBY` clauses (stable).
    pub fn sort(&self, store: &Store, table: &Table, rows: &mut [&Record]) {
        if self.order.is_empty() {
            return;
        }
        rows.sort_by(|a, b| {
            for (path, descending) in &self.order {
                let left = fields::value_at(store, table, a, path).unwrap_or_default();
                let right = fields::value_at(store, table, b, path).unwrap_or_default();
                let ordering = compare(&left, &right);
                let ordering = if *descending {
                    ordering.reverse()
                } else {
                    ordering
                };
                if ordering != Ordering::Equal {
                    return ordering;
                }
            }
            Ordering::Equal
        });
    }
}

/// One `field<op>value` term, if its field and operator are understood.
fn condition(term: &str, table: &Table, user_sys_id: &str) -> Option<Cond> {
    let split = term
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'))?;
    let (path, rest) = term.split_at(split);
    fields::path_kind(table, path)?;
    let (op_text, op) = OPERATORS.iter().find(|(text, _)| rest.starts_with(text))?;
    let value = &rest[op_text.len()..];
    let value = match value {
        "javascript:gs.getUserID()" | "javascript:gs.getUser().getID()" => user_sys_id,
        other => other,
    };
    Some(Cond {
        path: path.to_owned(),
        op: *op,
        value: value.to_owned(),
    })
}

impl Cond {
    fn holds(&self, store: &Store, table: &Table, rec: &Record) -> bool {
        let actual = fields::value_at(store, table, rec, &self.path).unwrap_or_default();
        let (a, v) = (actual.to_lowercase(), self.value.to_lowercase());
        let in_list = || v.split(',').any(|item| item == a);
        match self.op {
            Op::Eq => a == v,
            Op::Ne => a != v,
            Op::Like => a.contains(&v),
            Op::NotLike => !a.contains(&v),
            Op::StartsWith => a.starts_with(&v),
            Op::EndsWith => a.ends_with(&v),
            Op::In => in_list(),
            Op::NotIn => !in_list(),
            Op::IsEmpty => actual.is_empty(),
            Op::IsNotEmpty => !actual.is_empty(),
            Op::Anything => true,
            Op::Gt => !actual.is_empty() && compare(&actual, &self.value) == Ordering::Greater,
            Op::Ge => !actual.is_empty() && compare(&actual, &self.value) != Ordering::Less,
            Op::Lt => !actual.is_empty() && compare(&actual, &self.value) == Ordering::Less,
            Op::Le => !actual.is_empty() && compare(&actual, &self.value) != Ordering::Greater,
        }
    }
}

/// Numbers compare as numbers (states, priorities), everything else as text
/// (date-times in `YYYY-MM-DD HH:MM:SS` sort correctly as text).
pub fn compare(a: &str, b: &str) -> Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
        _ => a.cmp(b),
    }
}
