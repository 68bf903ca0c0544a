//! How many bytes of the heap are in use: the program's allocator, counted.
//!
//! In the browser every thread allocates from one heap in the shared
//! memory, their stacks included. The memory itself only ever grows (its
//! size is a high-water mark, and freed stacks leave holes that other
//! allocations fill), so it tells a leak from fragmentation badly; the bytes
//! in use tell them apart. The soak test reads them through the page's
//! debug hook. One relaxed atomic add per allocation; the hot loops of the
//! experiments do not allocate.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering::Relaxed};

static IN_USE: AtomicUsize = AtomicUsize::new(0);

/// For tests of running out of memory: the id (`sync::thread_id`) of the
/// thread whose next allocation fails, or 0.
static FAIL_NEXT_ON: AtomicU32 = AtomicU32::new(0);

/// Makes the calling thread's next allocation fail, as if the memory were
/// full (then std reports it and the thread traps). For tests.
#[doc(hidden)]
pub fn fail_next_allocation_here_for_tests() {
    FAIL_NEXT_ON.store(crate::sync::thread_id(), Relaxed);
}

/// Forgets a failure asked for and not yet met. For tests.
#[doc(hidden)]
pub fn clear_allocation_failure_for_tests() {
    FAIL_NEXT_ON.store(0, Relaxed);
}

/// Whether this allocation is the one a test asked to fail.
#[inline]
fn fails_on_purpose() -> bool {
    FAIL_NEXT_ON.load(Relaxed) != 0
        && FAIL_NEXT_ON
            .compare_exchange(crate::sync::thread_id(), 0, Relaxed, Relaxed)
            .is_ok()
}

/// The system allocator, counting what it hands out.
pub struct Counting;

// SAFETY: every method passes its arguments unchanged to `System`, which
// upholds `GlobalAlloc`'s contract; the counting only reads the layouts and
// never touches the memory.
unsafe impl GlobalAlloc for Counting {
    // SAFETY: the trait makes this an unchecked call; the caller's promise (a
    // non-zero-sized `layout`) is passed on to System as it is.
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if fails_on_purpose() {
            return std::ptr::null_mut();
        }
        // SAFETY: the caller's promises about `layout` are System's too.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            IN_USE.fetch_add(layout.size(), Relaxed);
        }
        block
    }

    // SAFETY: as `alloc`: the trait's contract, passed on unchanged.
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if fails_on_purpose() {
            return std::ptr::null_mut();
        }
        // SAFETY: as in `alloc`.
        let block = unsafe { System.alloc_zeroed(layout) };
        if !block.is_null() {
            IN_USE.fetch_add(layout.size(), Relaxed);
        }
        block
    }

    // SAFETY: the trait's contract (a block from this allocator, with its
    // layout), passed on unchanged; the count only reads `layout`.
    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        // SAFETY: the caller gives back a block this allocator (that is,
        // System) handed out with this layout.
        unsafe { System.dealloc(block, layout) };
        IN_USE.fetch_sub(layout.size(), Relaxed);
    }

    // SAFETY: as `dealloc`, plus a valid `new_size`: passed on unchanged.
    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if fails_on_purpose() {
            return std::ptr::null_mut();
        }
        // SAFETY: as in `dealloc`, and `new_size` is the caller's to choose.
        let moved = unsafe { System.realloc(block, layout, new_size) };
        if !moved.is_null() {
            IN_USE.fetch_add(new_size, Relaxed);
            IN_USE.fetch_sub(layout.size(), Relaxed);
        }
        moved
    }
}

/// Bytes allocated and not yet freed, by every thread of this instance.
pub fn in_use_bytes() -> usize {
    IN_USE.load(Relaxed)
}
