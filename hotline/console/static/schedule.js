// The schedule editor: after Preview, take keyboard and screen-reader focus to what the
// page has to say, the list of problems when there are some, else the preview.
document.addEventListener("DOMContentLoaded", () => {
  const problems = document.getElementById("problems");
  if (problems) {
    problems.focus();
  } else if (location.hash === "#preview" && document.getElementById("preview")) {
    document.getElementById("preview").focus();
  }
});
