//! Counts how often components read a context while rendering, so a browser test can tell
//! what one change re-renders. Only with the `testing` feature; otherwise it compiles to
//! nothing.

#[cfg(feature = "testing")]
thread_local! {
    static READS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// A component read a context in this render.
#[inline]
pub(crate) fn note() {
    #[cfg(feature = "testing")]
    READS.with(|reads| reads.set(reads.get() + 1));
}

/// Context reads since the last [`reset`].
#[cfg(feature = "testing")]
pub fn reads() -> u32 {
    READS.with(std::cell::Cell::get)
}

#[cfg(feature = "testing")]
pub fn reset() {
    READS.with(|reads| reads.set(0));
}
