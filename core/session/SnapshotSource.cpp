#include "core/session/SnapshotSource.h"

namespace poolscope {

Status SnapshotSource::reconfigure(const std::string&, const PoolConfig&) { return unsupported(); }
Status SnapshotSource::setWorkload(const WorkloadConfig&, bool) { return unsupported(); }
Status SnapshotSource::lifecycleAction(const std::string&, std::string_view) { return unsupported(); }
Status SnapshotSource::restartServer() { return unsupported(); }

}  // namespace poolscope
