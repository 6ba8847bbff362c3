#pragma once
// Where `opskit new` may write, and how: never outside the project, never over an existing file,
// each file whole or not at all (write_file_atomic).
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace opskit {

// The file a page PATH names, relative to the project: "runbooks/patch" is
// content/runbooks/patch.md, a lab's "lab-2" is content/lab-2/index.en.md; a PATH starting with
// content/ or workshops/<name>/content/ is taken as it is. nullopt (with `why`) for an absolute
// path, a '..' or '.' component, a name opskit would not read, or a place that holds no pages.
std::optional<std::string> page_file_for(const std::string& kind, const std::string& path, std::string& why);

// The page id opskit gives that file: content/runbooks/patch.md -> runbooks/patch,
// workshops/w/content/lab-2/index.en.md -> w/lab-2, content/index.md -> index.
std::string page_id_for(const std::string& file);

// "patch-the-fleet" (the file's or, for an index page, its folder's name) -> "Patch the fleet".
std::string title_from_file(const std::string& file);

// The date new pages carry (last_reviewed, Sources): SOURCE_DATE_EPOCH's day when set, else today.
std::string today_iso();

// Writes each file (relative to `root`) after checking all of them: none may exist already, and
// none may resolve outside `root` (through a symbolic link on the way). Returns "" or why
// nothing was written.
std::string write_new_files(const std::filesystem::path& root, const std::map<std::string, std::string>& files);

}  // namespace opskit
