import Dispatch
import Foundation
import RotaApp

/// Ctrl-C during a solve: the first asks the search to stop and write the
/// best valid rota so far; a second quits at once (exit code 130, as shells
/// expect after SIGINT), since the planner clearly means it.
enum Interrupts {
    nonisolated(unsafe) private static var source: DispatchSourceSignal?

    static func install(_ stop: StopSignal) {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler {
            if stop.requested { Foundation.exit(130) }
            stop.request()
            FileHandle.standardError.write(Data("\nStopping: finishing with the best rota found so far (Ctrl-C again to quit at once)…\n".utf8))
        }
        s.resume()
        source = s
    }
}
