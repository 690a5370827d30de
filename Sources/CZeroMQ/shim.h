// CZeroMQ: the libzmq C API, as installed by Debian's libzmq3-dev. Never API of RadFleet itself.
#ifndef RADFLEET_CZEROMQ_SHIM_H
#define RADFLEET_CZEROMQ_SHIM_H
#include <zmq.h>
#include <errno.h>

/// errno after a failed zmq call, read through a function because Swift cannot read the errno macro portably.
static inline int CZeroMQ_errno(void) { return zmq_errno(); }
/// EAGAIN, EINTR and ETERM as values (macros that Swift may not import).
static inline int CZeroMQ_EAGAIN(void) { return EAGAIN; }
static inline int CZeroMQ_EINTR(void) { return EINTR; }
static inline int CZeroMQ_ETERM(void) { return ETERM; }
static inline int CZeroMQ_EHOSTUNREACH(void) { return EHOSTUNREACH; }
#endif
