//! A plot's text alternative: a one-line summary, and under it (folded) a
//! table with every mark the plot draws, for screen readers and for anyone
//! who wants the numbers.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PlotDataProps {
    /// What the plot shows, in a sentence (with the counts in it).
    pub summary: String,
    /// The column headings.
    pub columns: Vec<String>,
    /// One row per mark; the first cell names it.
    pub rows: Vec<Vec<String>>,
}

#[function_component(PlotData)]
pub fn plot_data(props: &PlotDataProps) -> Html {
    html! {
        <details class="plot-data">
            <summary>{ &props.summary }</summary>
            <table class="numbers">
                <thead><tr>
                    { for props.columns.iter().map(|c| html! { <th scope="col">{ c }</th> }) }
                </tr></thead>
                <tbody>
                    { for props.rows.iter().map(|row| html! {
                        <tr>{ for row.iter().map(|cell| html! { <td>{ cell }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
        </details>
    }
}
