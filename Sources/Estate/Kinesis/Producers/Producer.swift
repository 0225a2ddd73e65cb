public final class Producer { var json: JSONValue { [:] } }
