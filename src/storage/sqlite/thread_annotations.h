// Clang thread-safety annotations and an annotated mutex.
//
// With clang and -Wthread-safety the compiler checks that every member marked
// SC_GUARDED_BY(mu_) is touched only while mu_ is held; with other compilers
// the annotations compile to nothing and remain documentation.
// (Candidate for src/core once a second module needs it.)
//
// Thread-safety: Mutex and MutexLock are what make other code thread-safe.
#pragma once

#include <mutex>

#if defined(__clang__)
#define SC_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define SC_THREAD_ANNOTATION_(x)
#endif

#ifndef SC_GUARDED_BY
#define SC_CAPABILITY(x) SC_THREAD_ANNOTATION_(capability(x))
#define SC_SCOPED_CAPABILITY SC_THREAD_ANNOTATION_(scoped_lockable)
#define SC_GUARDED_BY(x) SC_THREAD_ANNOTATION_(guarded_by(x))
#define SC_PT_GUARDED_BY(x) SC_THREAD_ANNOTATION_(pt_guarded_by(x))
#define SC_ACQUIRE(...) SC_THREAD_ANNOTATION_(acquire_capability(__VA_ARGS__))
#define SC_RELEASE(...) SC_THREAD_ANNOTATION_(release_capability(__VA_ARGS__))
#define SC_REQUIRES(...) SC_THREAD_ANNOTATION_(requires_capability(__VA_ARGS__))
#define SC_EXCLUDES(...) SC_THREAD_ANNOTATION_(locks_excluded(__VA_ARGS__))
#endif

namespace sc::storage::sqlite {

// std::mutex with the capability annotation clang's analysis needs.
class SC_CAPABILITY("mutex") Mutex {
 public:
  void Lock() SC_ACQUIRE() { mu_.lock(); }
  void Unlock() SC_RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

// Holds a Mutex for the lifetime of the scope.
class SC_SCOPED_CAPABILITY MutexLock {
 public:
  explicit MutexLock(Mutex* mu) SC_ACQUIRE(mu) : mu_(mu) { mu_->Lock(); }
  ~MutexLock() SC_RELEASE() { mu_->Unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex* const mu_;
};

}  // namespace sc::storage::sqlite
