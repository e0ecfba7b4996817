#include "core/laws/law.h"
#include "core/laws/mpl.h"
#include "core/laws/mtl.h"
#include "core/laws/sizelaw.h"

namespace losscast::core {

const std::vector<std::shared_ptr<const CurveLaw>>& curveLaws()
{
    // Menu order. Adding a law = one line here.
    static const std::vector<std::shared_ptr<const CurveLaw>> laws = {
        std::make_shared<MtlLaw>(),
        std::make_shared<MplLaw>(),
    };
    return laws;
}

const std::vector<std::shared_ptr<const CurveLaw>>& sizeCurveLaws()
{
    static const std::vector<std::shared_ptr<const CurveLaw>> laws = {
        makeSizeAwareMtl(),
        makeSizeAwareMpl(sizeAwareMplScaled()),
    };
    return laws;
}

std::shared_ptr<const CurveLaw> findCurveLaw(const std::string& id)
{
    for (const auto& law : curveLaws())
        if (law->id() == id)
            return law;
    for (const auto& law : sizeCurveLaws())
        if (law->id() == id)
            return law;
    return nullptr;
}

} // namespace losscast::core
