#pragma once
// A small fork-join loop for the stages that work page by page (parse, render). Tasks are
// handed out by index and callers store results by index, so the output is the same for any
// number of jobs.
#include <cstddef>
#include <functional>

namespace opskit {

// The default for --jobs: the machine's cores (1 when unknown).
int default_jobs();

// Runs body(i) for every i in [0, n) on up to `jobs` threads (the calling thread is one of
// them; jobs <= 1 runs in order on the calling thread). The other threads are helpers made the
// first time a loop asks for that many and kept for the process's life; a loop may nest inside
// another (it then runs on whichever threads are free, at least its caller). When tasks throw,
// the exception of the lowest index is rethrown after every thread has left the loop.
void parallel_for(std::size_t n, int jobs, const std::function<void(std::size_t)>& body);

// Writes zeros over `bytes` of memory just allocated and not yet used, 2 MiB per task on `jobs`
// threads. The first write to new memory faults it in and the kernel clears it; done while one
// thread constructs a large list, element by element, that is all the cores but one left idle.
void fault_in(void* memory, std::size_t bytes, int jobs);

}  // namespace opskit
