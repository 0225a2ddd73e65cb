/// A synthetic record's top-level JSON fields, as a JSON reader sees them, without writing or
/// parsing the JSON text: a loader that matches keys to columns asks for these instead.
///
/// `fields` draws from the generator in exactly the order `emit` does and writes each value with
/// the same pieces, so a field's text is what parsing `emit`'s JSON gives: a string's contents,
/// a number as `JSONValue` prints it, the `items` array in `JSONValue`'s serialized form. A test
/// loads records both ways and compares the rows; change the two together.
extension PayloadTemplate {
    /// Field names in the order the payload writes them.
    var fieldNames: [String] {
        switch self {
        case .clickstream: return ["event_id", "user_id", "session_id", "event_type", "page", "referrer", "ts"]
        case .orders: return ["order_id", "customer_id", "items", "total", "currency", "ts"]
        }
    }

    /// The values of `fieldNames`, in the same order, written into `out` (emptied first).
    func fields(keyIndex: Int, at time: SimInstant, using random: inout SeededRandom, into out: inout [String]) {
        out.removeAll(keepingCapacity: true)
        // One writer for every piece of text, emptied between fields.
        var w = PayloadByteWriter()
        func text(_ write: (inout PayloadByteWriter) -> Void) -> String {
            w.bytes.removeAll(keepingCapacity: true)
            write(&w)
            return String(decoding: w.bytes, as: UTF8.self)
        }
        switch self {
        case .clickstream:
            let event = Self.eventTypes[random.int(in: 0...(Self.eventTypes.count - 1))]
            let page = random.int(in: 0...(Self.pages.count - 1))
            let pageID = Self.pageTakesID[page] ? random.int(in: 100...999) : nil
            let referrer = Self.referrers[random.int(in: 0...(Self.referrers.count - 1))]
            out.append(text { $0.hex(random.next(), digits: 16) })
            out.append(text { $0.text(keyPrefix); $0.int(keyIndex) })
            out.append(text { $0.text("s-"); $0.hex(random.next(), digits: 8) })
            out.append(event.description)
            out.append(text { $0.text(Self.pages[page]); if let pageID { $0.int(pageID) } })
            out.append(referrer.description)
            out.append(SimCalendar.iso8601(time))
        case .orders:
            let orderID = text { $0.text("ord-"); $0.hex(random.next(), digits: 10) }
            // `items` as `JSONValue` serializes the parsed array: `", "` and `": "` between
            // parts, and prices as doubles print (`12.5`, `199.0`).
            w.bytes.removeAll(keepingCapacity: true)
            w.text("[")
            var totalCents = 0
            Self.drawOrderItems(using: &random) { item, i, qty in
                totalCents += Self.priceCents[i] * qty
                if item > 0 { w.text(", ") }
                w.text(#"{"sku": ""#); w.text(Self.skus[i])
                w.text(#"", "qty": "#); w.int(qty)
                w.text(#", "unit_price": "#); w.moneyAsDouble(Self.priceCents[i])
                w.text("}")
            }
            w.text("]")
            let items = String(decoding: w.bytes, as: UTF8.self)
            out.append(orderID)
            out.append(text { $0.text(keyPrefix); $0.int(keyIndex) })
            out.append(items)
            out.append(text { $0.moneyAsDouble(totalCents) })
            out.append("USD")
            out.append(SimCalendar.iso8601(time))
        }
    }
}

extension PayloadByteWriter {
    /// Cents as a JSON reader prints the double it reads from `money`'s text: the shortest
    /// decimal that reads back the same, so `12.50` prints `12.5` and `199.00` prints `199.0`.
    mutating func moneyAsDouble(_ cents: Int) {
        int(cents / 100)
        text(".")
        let rest = cents % 100
        if rest % 10 == 0 { int(rest / 10) } else {
            if rest < 10 { text("0") }
            int(rest)
        }
    }
}

extension SyntheticSource {
    /// The record's JSON fields (see `PayloadTemplate.fields`), from the same generator `payload` uses.
    func fields(keyIndex: Int, at arrival: SimInstant, position: RecordPosition, into out: inout [String]) {
        var random = SeededRandom(seed: position.seed(seed))
        template.fields(keyIndex: keyIndex, at: arrival, using: &random, into: &out)
    }
}
