/// An in-memory ``Terminal`` for tests: replays scripted input and records every frame.
///
/// Like swift-nio's `EmbeddedChannel`: the console loop runs unchanged, the test decides what
/// the user typed and reads back exactly what would have been drawn. A `.resize` event changes
/// ``size`` when it is delivered, as curses does with `KEY_RESIZE`.
@MainActor
public final class FakeTerminal: Terminal {
    /// The current size; changed by a delivered `.resize` event.
    public private(set) var size: Size
    /// Whether screens may use colour; set it to test the monochrome fallback.
    public var colorEnabled: Bool
    /// Whether screens may use Unicode glyphs; set it to test the ASCII fallback.
    public var unicodeEnabled: Bool
    /// Set it to simulate SIGTERM in the middle of a script.
    public var terminationRequested: Bool = false

    /// Every buffer passed to ``present(_:)``, in order.
    public private(set) var frames: [ScreenBuffer] = []
    /// The events not yet delivered.
    public private(set) var pendingEvents: [InputEvent]
    /// What ``nextEvent(timeoutMilliseconds:)`` returns once the script is used up.
    public var eventWhenExhausted: InputEvent
    /// When set, asked for the event to deliver once the script is used up, instead of
    /// ``eventWhenExhausted``: a test waiting for background work answers `.tick` until it is done.
    public var whenExhausted: (@MainActor () -> InputEvent)?
    /// How many times the script was already exhausted when an event was asked for; a loop
    /// test can assert on it to catch a console that does not quit.
    public private(set) var exhaustedReads: Int = 0
    /// The timeout of every ``nextEvent(timeoutMilliseconds:)`` call, in order.
    public private(set) var requestedTimeouts: [Int] = []
    /// How many times ``shutdown()`` was called.
    public private(set) var shutdownCount: Int = 0
    /// How many times the console asked to be suspended (Ctrl-Z), and what ``suspend()`` answers.
    public private(set) var suspendCount: Int = 0
    public var suspendSucceeds = true

    /// - Parameters:
    ///   - size: The initial size.
    ///   - events: The script, delivered in order.
    ///   - eventWhenExhausted: Delivered after the script, e.g. `.key(.char("q"))` so a loop
    ///     under test always ends, or `.tick`.
    public init(
        size: Size, events: [InputEvent] = [], eventWhenExhausted: InputEvent = .key(.char("q")),
        colorEnabled: Bool = true, unicodeEnabled: Bool = true
    ) {
        self.size = size
        self.pendingEvents = events
        self.eventWhenExhausted = eventWhenExhausted
        self.colorEnabled = colorEnabled
        self.unicodeEnabled = unicodeEnabled
    }

    /// The last buffer presented, if any.
    public var lastFrame: ScreenBuffer? {
        frames.last
    }

    /// Appends events to the script.
    public func enqueue(_ events: InputEvent...) {
        pendingEvents.append(contentsOf: events)
    }

    /// Appends key presses to the script.
    public func enqueue(keys: [Key]) {
        pendingEvents.append(contentsOf: keys.map(InputEvent.key))
    }

    /// Appends a resize to the script; ``size`` changes when the event is delivered.
    public func queueResize(width: Int, height: Int) {
        pendingEvents.append(.resize(width: width, height: height))
    }

    /// Records the frame.
    public func present(_ buffer: ScreenBuffer) {
        frames.append(buffer)
    }

    /// Delivers the next scripted event (applying a resize), or ``eventWhenExhausted``.
    public func nextEvent(timeoutMilliseconds: Int) -> InputEvent {
        requestedTimeouts.append(timeoutMilliseconds)
        guard !pendingEvents.isEmpty else {
            exhaustedReads += 1
            return whenExhausted?() ?? eventWhenExhausted
        }
        let event = pendingEvents.removeFirst()
        if case .resize(let width, let height) = event {
            size = Size(width: width, height: height)
        }
        return event
    }

    /// Counts the call; nothing to restore.
    public func shutdown() {
        shutdownCount += 1
    }

    /// Counts the call and answers ``suspendSucceeds``.
    public func suspend() -> Bool {
        suspendCount += 1
        return suspendSucceeds
    }
}
