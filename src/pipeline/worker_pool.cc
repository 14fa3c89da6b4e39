#include "pipeline/worker_pool.h"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <thread>

namespace sc::pipeline {
namespace asio = boost::asio;

struct WorkerPool::Impl {
  explicit Impl(int n) : pool(static_cast<size_t>(n)) {}
  asio::thread_pool pool;
};

namespace {

class StrandQueue : public SerialQueue {
 public:
  explicit StrandQueue(asio::thread_pool& pool)
      : strand_(pool.get_executor()) {}
  void Post(std::function<void()> task) override {
    asio::post(strand_, std::move(task));
  }

 private:
  asio::strand<asio::thread_pool::executor_type> strand_;
};

}  // namespace

WorkerPool::WorkerPool(int threads) {
  if (threads <= 0) {
    threads =
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  }
  threads_ = threads;
  impl_ = std::make_unique<Impl>(threads);
}

WorkerPool::~WorkerPool() { impl_->pool.join(); }

void WorkerPool::Post(std::function<void()> task) {
  asio::post(impl_->pool, std::move(task));
}

std::unique_ptr<SerialQueue> WorkerPool::NewSerialQueue() {
  return std::make_unique<StrandQueue>(impl_->pool);
}

}  // namespace sc::pipeline
