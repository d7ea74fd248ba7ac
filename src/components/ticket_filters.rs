//! The list's filters: table, order, state, priority, and the search by number and name.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::route::{parse_scope, parse_sort, scope_value, sort_value, TicketsFilter};
use crate::app::state_names::{states_to_name, TABLES};
use crate::app::TicketsScope;
use crate::hooks::{use_instance_states, use_preferences, use_texts};
use crate::servicenow::ticket_query::is_state_value;
use crate::servicenow::{Priority, Sort, SortField};

use super::choice_field::ChoiceField;

#[derive(Properties, PartialEq)]
pub struct TicketFiltersProps {
    pub filter: TicketsFilter,
    /// A filter changed: what is listed now.
    pub on_filter: Callback<TicketsFilter>,
}

type Options = Vec<(AttrValue, AttrValue)>;

#[component]
pub fn TicketFilters(props: &TicketFiltersProps) -> Html {
    let texts_all = use_texts();
    let texts = &texts_all.tickets;
    let names = use_preferences().state_names();
    let instance_states = use_instance_states();
    let filter = props.filter.clone();
    // What is typed in the search field, until it is searched for.
    let search = use_state(|| filter.search.clone());
    {
        // Back, Forward or "Clear filters": the field shows what is searched for.
        let search = search.clone();
        use_effect_with(filter.search.clone(), move |searched| {
            search.set(searched.clone())
        });
    }
    // A change from a drop-down's new value.
    let edit = |change: fn(&mut TicketsFilter, String)| {
        let (on_filter, filter) = (props.on_filter.clone(), filter.clone());
        Callback::from(move |value: String| {
            let mut next = filter.clone();
            change(&mut next, value);
            on_filter.emit(next);
        })
    };
    let on_scope = edit(|f, value| {
        f.scope = parse_scope(&value).unwrap_or_default();
        // State values differ between tables: a state filter does not carry over.
        f.state = None;
    });
    let on_sort = edit(|f, value| f.sort = parse_sort(&value).unwrap_or_default());
    // Only a value the instance can be asked for is kept (the address would refuse another).
    let on_state = edit(|f, value| f.state = Some(value).filter(|v| is_state_value(v)));
    let on_priority = edit(|f, value| {
        f.priority = value.parse().ok().and_then(Priority::from_number);
    });
    let on_search_input = {
        let search = search.clone();
        Callback::from(move |e: InputEvent| {
            search.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_search = {
        let (on_filter, filter, search) = (props.on_filter.clone(), filter.clone(), search.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_filter.emit(TicketsFilter {
                search: (*search).clone(),
                ..filter.clone()
            });
        })
    };
    let clear = {
        let (on_filter, filter, search) = (props.on_filter.clone(), filter.clone(), search.clone());
        Callback::from(move |_| {
            search.set(String::new());
            on_filter.emit(TicketsFilter::of(filter.scope));
        })
    };

    let scopes: Options = vec![
        ("all".into(), texts.all_tables.into()),
        ("change_request".into(), texts.change_requests.into()),
        ("incident".into(), texts.incidents.into()),
    ];
    let sorts: Options = SortField::ALL
        .into_iter()
        .zip(texts.sorts)
        .flat_map(|(field, (desc, asc))| {
            [(true, desc), (false, asc)].map(|(descending, label)| {
                (sort_value(Sort { field, descending }).into(), label.into())
            })
        })
        .collect();
    let state_filter = match filter.scope {
        TicketsScope::Only(kind) => {
            let index = TABLES.iter().position(|k| *k == kind).unwrap_or(0);
            let options = std::iter::once(("".into(), texts.any_state.into()))
                .chain(
                    states_to_name(kind, instance_states.of(index), &names, texts)
                        .into_iter()
                        .map(|state| {
                            let shown =
                                names.name(kind, &state.value, &state.servicenow_name, texts);
                            (state.value.into(), shown.into())
                        }),
                )
                .collect::<Options>();
            let selected: AttrValue = filter.state.clone().unwrap_or_default().into();
            html! { <ChoiceField id="sc-filter-state" label={texts.state_filter} {options} {selected} onchange={on_state} /> }
        }
        TicketsScope::All => html! {
            <div class="sc-field"><p class="sc-label">{ texts.state_filter }</p>
                <p class="sc-hint">{ texts.state_filter_hint }</p></div>
        },
    };
    let priorities = std::iter::once(("".into(), texts.any_priority.into()))
        .chain(
            Priority::ALL
                .into_iter()
                .zip(texts_all.share.priorities)
                .map(|(p, label)| (p.number().to_string().into(), label.into())),
        )
        .collect::<Options>();
    let selected_priority: AttrValue = filter
        .priority
        .map(|p| p.number().to_string())
        .unwrap_or_default()
        .into();
    html! {
        <>
            <div class="sc-toolbar">
                <ChoiceField id="sc-filter-table" label={texts.table_label} options={scopes}
                    selected={scope_value(filter.scope)} onchange={on_scope} />
                <ChoiceField id="sc-sort" label={texts.sort_label} options={sorts}
                    selected={sort_value(filter.sort)} onchange={on_sort} />
                { state_filter }
                <ChoiceField id="sc-filter-priority" label={texts.priority_filter} options={priorities}
                    selected={selected_priority} onchange={on_priority} />
            </div>
            <form class="sc-toolbar" role="search" onsubmit={on_search}>
                <div class="sc-field">
                    <label for="sc-ticket-search">{ texts.search_label }</label>
                    <input id="sc-ticket-search" type="search" value={(*search).clone()}
                        oninput={on_search_input} aria-describedby="sc-ticket-search-hint" maxlength="100" />
                    <p id="sc-ticket-search-hint" class="sc-hint">{ texts.search_hint }</p>
                </div>
                <div class="sc-toolbar-actions">
                    <button type="submit" class="sc-button sc-primary">{ texts.search_button }</button>
                    <button type="button" class="sc-button" onclick={clear}>{ texts.clear_filters }</button>
                </div>
            </form>
        </>
    }
}
