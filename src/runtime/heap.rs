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
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

static IN_USE: AtomicUsize = AtomicUsize::new(0);

/// The system allocator, counting what it hands out.
pub struct Counting;

// SAFETY: every method passes its arguments unchanged to `System`, which
// upholds `GlobalAlloc`'s contract; the counting only reads the layouts and
// never touches the memory.
unsafe impl GlobalAlloc for Counting {
    // SAFETY: the trait makes this an unchecked call; the caller's promise (a
    // non-zero-sized `layout`) is passed on to System as it is.
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's promises about `layout` are System's too.
        let block = unsafe { System.alloc(layout) };
        if !block.is_null() {
            IN_USE.fetch_add(layout.size(), Relaxed);
        }
        block
    }

    // SAFETY: as `alloc`: the trait's contract, passed on unchanged.
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
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
