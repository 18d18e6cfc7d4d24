# The CTest check of translations/*.ts (cmake -P):
#   -DTS_FILES=a.ts;b.ts  the committed files
#   -DPROJECT=…/.lupdate/flotilla_desktop_project.cmake  written by qt_add_translations
#   -DGENERATOR=…/GenerateLUpdateProject.cmake  -DLUPDATE=… -DLCONVERT=…
#   -DWORK_DIR=a scratch directory
# Fails on a message nobody translated (type="unfinished") and on a .ts file
# that is stale: lupdate over today's sources, run on a copy, would add or
# drop messages. Line numbers are not compared (the files carry none).
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" -DIN_FILE=${PROJECT} -DOUT_FILE=${WORK_DIR}/project.json -P "${GENERATOR}"
                COMMAND_ERROR_IS_FATAL ANY)

# Messages, contexts and comments only: no translations, no vanished ones.
function(normalize in out)
    execute_process(COMMAND "${LCONVERT}" -drop-translations -no-obsolete -locations none -sort-contexts
                            -i "${in}" -o "${out}" COMMAND_ERROR_IS_FATAL ANY)
endfunction()

set(problems "")
foreach(ts IN LISTS TS_FILES)
    get_filename_component(name "${ts}" NAME)
    file(STRINGS "${ts}" unfinished REGEX "type=\"unfinished\"")
    list(LENGTH unfinished count)
    if(count GREATER 0)
        string(APPEND problems "${name}: ${count} unfinished message(s); translate them in Qt Linguist "
                               "(linguist ${ts}) or the file.\n")
    endif()

    configure_file("${ts}" "${WORK_DIR}/${name}" COPYONLY)
    execute_process(COMMAND "${LUPDATE}" -silent -project "${WORK_DIR}/project.json" -no-obsolete -locations none
                            -ts "${WORK_DIR}/${name}" COMMAND_ERROR_IS_FATAL ANY)
    normalize("${ts}" "${WORK_DIR}/committed-${name}")
    normalize("${WORK_DIR}/${name}" "${WORK_DIR}/current-${name}")
    file(READ "${WORK_DIR}/committed-${name}" committed)
    file(READ "${WORK_DIR}/current-${name}" current)
    if(NOT committed STREQUAL current)
        execute_process(COMMAND diff -u "${WORK_DIR}/committed-${name}" "${WORK_DIR}/current-${name}"
                        OUTPUT_VARIABLE difference)
        string(APPEND problems "${name} is stale against the sources (- committed, + sources):\n${difference}"
                               "Run: cmake --build build --target update_translations, then translate what is new.\n")
    endif()
endforeach()
if(problems)
    message(FATAL_ERROR "${problems}")
endif()
message(STATUS "translations: complete and up to date: ${TS_FILES}")
