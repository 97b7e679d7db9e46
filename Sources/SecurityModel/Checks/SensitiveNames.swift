/// Name heuristics for AP1 (sensitive data) and AP2 (credentials): which column and table names
/// look like they hold personal, financial or secret data. A credential-named column AP2 does not
/// look at is AP1's (``sensitiveKeyword(_:in:)``).
///
/// Names are split into lower-case words at `_`, digits, spaces and camel-case humps, so
/// `contoso_SSN`, `Credit Card Number` and `contoso_apiKey` all match, while `classname` does not
/// match `ssn`. Short keywords must be a whole word (`ssn` may also start or end one); long ones
/// may be part of one.
enum SensitiveNames {
    /// AP1: personal and financial data.
    static let personalWords: Set<String> = ["ssn", "iban", "card", "cards", "cvv", "cvc", "salary", "salaries"]
    /// Card compounds glued into one word (`new_debitcard`, `new_cardexpiry`), which a domain
    /// review found missed; not `card` anywhere: `cardinality`, `scorecard`, `wildcard`,
    /// `discard` are no payment cards.
    static let personalFragments = [
        "salary", "creditcard", "cardnumber", "cardholder", "socialsecurity", "bankaccount", "iban", "debitcard", "giftcard",
        "prepaidcard", "paymentcard", "bankcard", "chargecard", "cardexpir", "cardtype", "cardverification", "cardsecurity",
        "securitycode",
    ]
    /// Short keywords that may also start or end a glued word (`new_ssnlast4`, `new_employeessn`)
    /// but not sit inside one (`classname`, `businessnumber`): a domain review found
    /// `new_ssnlast4` matched nothing.
    static let personalAffixes = ["ssn"]
    /// AP2: credentials.
    /// Tokens glued to another word (`new_tokenvalue`, `new_bearertoken`, a table
    /// `new_tokencache`), which a domain review found missed: `token` starting or ending a word.
    static let credentialAffixes = ["token"]
    static let credentialWords: Set<String> = [
        "password", "passwd", "pwd", "secret", "secrets", "token", "tokens", "apikey", "accesskey", "credential", "credentials",
    ]
    /// `apitoken` too: a review found `contact.apitoken` matched nothing (one glued word); and
    /// shared access keys and signatures (SAS), which a domain review found missed
    /// (`new_sharedaccesskey`). Not `sas` alone: a company and a language as often as a token.
    static let credentialFragments = [
        "password", "secret", "apikey", "apitoken", "connectionstring", "accesstoken", "refreshtoken", "authtoken", "privatekey",
        "credential", "accesskey", "sastoken", "sharedaccesssignature",
    ]
    /// AP2: tables that hold configuration (and often secrets). Also as parts of a glued logical
    /// name (`new_integrationsetting`, `contoso_appconfig`): a review found only separate words
    /// matched, and Dataverse logical names are glued.
    static let configurationWords: Set<String> = ["config", "configuration", "configurations", "setting", "settings"]
    static let configurationFragments = ["config", "setting"]

    /// Lower-case words of a name.
    static func words(_ name: String) -> [String] {
        asciiWords(name) ?? unicodeWords(name)
    }

    /// ``words(_:)`` by Unicode character properties: any name.
    static func unicodeWords(_ name: String) -> [String] {
        var out: [String] = []
        var current = ""
        var previousLower = false
        for ch in name {
            if ch.isLetter {
                if ch.isUppercase && previousLower && !current.isEmpty {
                    out.append(current)
                    current = ""
                }
                current.append(Character(ch.lowercased()))
                previousLower = ch.isLowercase
            } else {
                if !current.isEmpty { out.append(current) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// ``words(_:)`` of an ASCII name, byte by byte (the same words: for ASCII, letters are
    /// `A-Z` and `a-z`); `nil` for any other name. Thousands of column names are read per check
    /// run, and Unicode character properties are slow.
    static func asciiWords(_ name: String) -> [String]? {
        var out: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        for b in name.utf8 {
            guard b < 0x80 else { return nil }
            let upper = b >= 0x41 && b <= 0x5A
            let lower = b >= 0x61 && b <= 0x7A
            if upper || lower {
                if upper && previousLower && !current.isEmpty {
                    out.append(String(decoding: current, as: UTF8.self))
                    current.removeAll(keepingCapacity: true)
                }
                current.append(upper ? b + 0x20 : b)
                previousLower = lower
            } else {
                if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
                current.removeAll(keepingCapacity: true)
                previousLower = false
            }
        }
        if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
        return out
    }

    /// The name in lower case without separators, for fragment matching.
    static func squashed(_ name: String) -> String {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return unicodeSquashed(name) }
        let letters = name.utf8.compactMap { b -> UInt8? in
            b >= 0x41 && b <= 0x5A ? b + 0x20 : (b >= 0x61 && b <= 0x7A ? b : nil)
        }
        return String(decoding: letters, as: UTF8.self)
    }

    /// ``squashed(_:)`` by Unicode character properties: any name.
    static func unicodeSquashed(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter })
    }

    /// Longer words a fragment is part of without meaning it: a secretary is not a secret, a
    /// keyword is not a key (`accesskeyword`).
    static let notSensitive = ["secretar", "keyword"]

    /// The first keyword of `names`: a whole word, then a fragment anywhere, then an affix
    /// starting or ending a word (the publisher prefix left out for both): the most specific
    /// keyword is the one named (`new_sastoken` is a SAS token before it is a token).
    static func matches(_ names: [String], words: Set<String>, affixes: [String] = [], fragments: [String]) -> String? {
        for name in names where !name.isEmpty {
            if let w = self.words(name).first(where: words.contains) { return w }
            let unprefixed = withoutPublisherPrefix(name)
            var s = squashed(unprefixed)
            for word in notSensitive { s = s.replacingOccurrences(of: word, with: "_") }
            if let f = fragments.first(where: { s.contains($0) }) { return f }
            if !affixes.isEmpty {
                for word in self.words(unprefixed) {
                    if let a = affixes.first(where: { word.hasPrefix($0) || word.hasSuffix($0) }) { return a }
                }
            }
        }
        return nil
    }

    /// A logical name without its publisher prefix (`cr8fi_bankname` → `bankname`), so that a
    /// fragment is not found across the two (`fi` + `bank` is no IBAN).
    static func withoutPublisherPrefix(_ name: String) -> String {
        guard let underscore = name.firstIndex(of: "_"), name.distance(from: name.startIndex, to: underscore) <= 8,
            !name[..<underscore].contains(" ")
        else { return name }
        return String(name[name.index(after: underscore)...])
    }

    /// The keyword that makes a column look personal or financial, if any (credential names excluded).
    static func personalKeyword(_ column: Column) -> String? {
        let names = [column.logicalName, column.displayName]
        guard credentialKeyword(column) == nil else { return nil }
        return matches(names, words: personalWords, affixes: personalAffixes, fragments: personalFragments)
    }

    /// AP1's keyword for a column of `table`: personal or financial, or a credential that AP2
    /// does not look at (``credentialRuleCovers(_:in:)``), so that every credential-named
    /// column is reported by exactly one of the two. A review found `contact.password` reported
    /// by neither: AP1 left credentials to AP2, which looks only at custom tables and columns.
    static func sensitiveKeyword(_ column: Column, in table: Table) -> (word: String, isCredential: Bool)? {
        if let word = credentialKeyword(column) {
            return credentialRuleCovers(column, in: table) ? nil : (word, true)
        }
        return personalKeyword(column).map { ($0, false) }
    }

    /// Whether AP2 looks at a column's name: every column of a custom table, and the custom
    /// columns (a publisher prefix) of a standard one.
    static func credentialRuleCovers(_ column: Column, in table: Table) -> Bool {
        table.isCustom || column.logicalName.contains("_")
    }

    /// The keyword that makes a column look like a credential, if any.
    static func credentialKeyword(_ column: Column) -> String? {
        matches(
            [column.logicalName, column.displayName], words: credentialWords, affixes: credentialAffixes, fragments: credentialFragments)
    }

    /// The keyword that makes a table look like it stores configuration or credentials, if any.
    static func credentialKeyword(_ table: Table) -> String? {
        let names = [table.logicalName, table.displayName]
        return matches(
            names, words: credentialWords.union(configurationWords), affixes: credentialAffixes,
            fragments: credentialFragments + configurationFragments)
    }
}
