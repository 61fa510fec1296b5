package dev.assay.ui.common;

import dev.assay.workbench.Workbench;

/**
 * What a screen may make its ViewModel and view from: the workbench's services, the background
 * jobs, the settings and the file pickers (tests pass fixed answers).
 */
public record ScreenServices(
    Workbench workbench,
    BackgroundTasks tasks,
    UiSettings settings,
    FilePicker modelPicker,
    FilePicker datasetPicker,
    SaveFilePicker reportPicker) {}
