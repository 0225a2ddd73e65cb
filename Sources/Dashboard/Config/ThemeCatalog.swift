import Estate

/// The themes that ship (`Config/themes/NAME.yaml`), in the order help and completion show them.
///
/// The one list that `theme.yaml`'s `theme:` key, `:theme NAME` in the palette, its completion and
/// help all read; a test checks it against the files in `Config/themes/`.
public enum ThemeCatalog {
    public static let names = ["dark", "light", "high-contrast"]

    /// The theme when `theme.yaml` names none; every other theme restyles it.
    public static let defaultName = "dark"

    /// The key in `theme.yaml` that names the theme.
    static let key = "theme"

    /// The path of a theme's file under the config folder.
    public static func path(_ name: String) -> String { "themes/\(name).yaml" }

    /// "dark, light, high-contrast", for errors and help.
    public static var list: String { names.joined(separator: ", ") }

    /// The error for a name that is not in the list.
    static func unknown(_ name: String) -> String {
        "unknown theme '\(name)'\(Suggest.didYouMean(name, in: names)); themes: \(list)"
    }
}
