// WorkerPool: the CPU-bound side of the server (speech recognition and
// everything after it). Network threads only enqueue; they never wait here.
//
//   WorkerPool pool(2);
//   auto track = pool.NewSerialQueue();   // tasks run one at a time, in order
//   track->Post([] { ... });
//
// Thread-safety: Post() on the pool or on any queue may be called from any
// thread. Tasks posted to one SerialQueue never run concurrently and run in
// posting order; tasks of different queues run in parallel.
#pragma once

#include <functional>
#include <memory>

namespace sc::pipeline {

class SerialQueue {
 public:
  virtual ~SerialQueue() = default;
  virtual void Post(std::function<void()> task) = 0;
};

class WorkerPool {
 public:
  // REQUIRES: threads >= 1. 0 means one per core.
  explicit WorkerPool(int threads);
  ~WorkerPool();  // Runs every queued task, then joins.
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void Post(std::function<void()> task);
  std::unique_ptr<SerialQueue> NewSerialQueue();
  int threads() const { return threads_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int threads_;
};

}  // namespace sc::pipeline
