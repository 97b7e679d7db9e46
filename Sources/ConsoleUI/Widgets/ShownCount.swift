/// The count in a list's title, one convention for every list (the browser's): "(54)" when
/// nothing narrows the list, "(2 of 54)" when a filter (or a kind, a risk class, "custom only")
/// does, the second number always the whole list.
///
/// Lists had drifted: one said "(2)" for 2 shown of 54, the diff said "(3 of 3)" under its risk
/// filter (counting the narrowed result) but "(4 of 9)" under its kind filter.
func shownCount(_ shown: Int, of total: Int, narrowed: Bool) -> String {
    narrowed ? "\(shown) of \(total)" : "\(total)"
}
