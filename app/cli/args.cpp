#include "app/cli/args.h"

#include "core/util/numtext.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace losscast::cli {

Args::Args(std::string command, std::vector<std::string> raw)
    : m_command(std::move(command)), m_raw(std::move(raw))
{
}

void Args::declare(std::set<std::string> valued, std::set<std::string> multi, std::set<std::string> flags)
{
    m_valued = std::move(valued);
    m_multi = std::move(multi);
    m_flags = std::move(flags);
    m_flags.insert("help");
}

bool Args::parse()
{
    std::string current; // the multi option that is collecting values
    for (std::size_t i = 0; i < m_raw.size(); ++i) {
        const std::string& a = m_raw[i];
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a.substr(2);
            std::optional<std::string> inlineValue;
            if (auto eq = name.find('='); eq != std::string::npos) {
                inlineValue = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            current.clear();
            if (m_flags.count(name)) {
                if (inlineValue) {
                    m_error = "--" + name + " takes no value";
                    return false;
                }
                m_values[name];
            } else if (m_valued.count(name)) {
                if (m_values.count(name)) {
                    m_error = "--" + name + " given twice";
                    return false;
                }
                if (inlineValue) {
                    m_values[name].push_back(*inlineValue);
                } else if (i + 1 < m_raw.size()) {
                    m_values[name].push_back(m_raw[++i]);
                } else {
                    m_error = "--" + name + " needs a value";
                    return false;
                }
            } else if (m_multi.count(name)) {
                auto& v = m_values[name];
                if (inlineValue)
                    v.push_back(*inlineValue);
                current = name;
            } else {
                m_error = "unknown option --" + name;
                return false;
            }
        } else if (!current.empty()) {
            m_values[current].push_back(a);
        } else {
            m_positionals.push_back(a);
        }
    }
    for (const auto& name : m_multi)
        if (m_values.count(name) && m_values[name].empty()) {
            m_error = "--" + name + " needs at least one value";
            return false;
        }
    return true;
}

bool Args::has(const std::string& name) const
{
    return m_values.count(name) > 0;
}

std::optional<std::string> Args::value(const std::string& name) const
{
    auto it = m_values.find(name);
    if (it == m_values.end() || it->second.empty())
        return std::nullopt;
    return it->second.front();
}

std::vector<std::string> Args::values(const std::string& name) const
{
    auto it = m_values.find(name);
    return it == m_values.end() ? std::vector<std::string>{} : it->second;
}

bool Args::intValue(const std::string& name, long long& out, long long fallback)
{
    auto v = value(name);
    if (!v) {
        out = fallback;
        return true;
    }
    const char* b = v->data();
    const char* e = b + v->size();
    auto [p, ec] = std::from_chars(b, e, out);
    if (ec != std::errc() || p != e) {
        m_error = "--" + name + ": expected an integer, got '" + *v + "'";
        return false;
    }
    return true;
}

bool Args::doubleValue(const std::string& name, double& out, double fallback)
{
    auto v = value(name);
    if (!v) {
        out = fallback;
        return true;
    }
    if (core::parseDouble(*v, out) != core::NumberParse::Ok || !std::isfinite(out)) {
        m_error = "--" + name + ": expected a finite number, got '" + *v + "'";
        return false;
    }
    return true;
}

} // namespace losscast::cli
